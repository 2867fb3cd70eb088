import type { RouteObject } from 'react-router';
import { EditorPage } from './editor/EditorPage';
import { InstanceViewPage } from './instances/InstanceViewPage';
import { DefinitionListPage } from './list/DefinitionListPage';

// The designer area (issue #8) registers its pages here, under /designer.
export const designerRoutes: RouteObject[] = [
  { path: 'designer', element: <DefinitionListPage /> },
  { path: 'designer/:key', element: <EditorPage /> },
  { path: 'designer/:key/instances/:id', element: <InstanceViewPage /> },
];
