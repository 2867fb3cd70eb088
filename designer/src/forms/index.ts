// The public face of the form renderer: other areas import from 'src/forms' only.
export { FormRenderer, type FormRendererProps } from './FormRenderer';
export type { FieldEnvironment, TaxonomyNode, DirectoryEntry } from './FieldInput';
export * from './types';
export { initialValuesFor, valuesForSubmit, sectionsOf, fieldsOf, getAt, setAt } from './model';
export { errorMessage } from './messages';
