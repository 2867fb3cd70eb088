// The grid-event category tree for category fields. The server has no taxonomy endpoint yet, so the
// app carries the city template (workflows/taxonomy) it is seeded from; a district's additions need the endpoint.
import gridEvents from '../../../../workflows/taxonomy/grid-events.json';
import type { TaxonomyNode } from '../../forms';

export const taxonomy: TaxonomyNode[] = (gridEvents as { duties: TaxonomyNode[] }).duties;
