import type { RouteObject } from 'react-router';
import { EditorPage } from './editor/EditorPage';
import { FormLabPage } from './forms/FormLabPage';
import { InstanceViewPage } from './instances/InstanceViewPage';
import { DefinitionListPage } from './list/DefinitionListPage';

// The designer area (issue #8) registers its pages here, under /designer.
export const designerRoutes: RouteObject[] = [
  { path: 'designer', element: <DefinitionListPage /> },
  { path: 'designer/form-lab', element: <FormLabPage /> },
  { path: 'designer/:key', element: <EditorPage /> },
  { path: 'designer/:key/instances/:id', element: <InstanceViewPage /> },
];
