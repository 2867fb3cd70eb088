export { ProcessCanvas, type ProcessCanvasProps } from './ProcessCanvas';
export { diffOverlay, instanceOverlay, emptyHighlight, type Highlight } from '../../../graph/diffOverlay';
