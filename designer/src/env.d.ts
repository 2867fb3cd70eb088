// TypeScript 7 does not know style imports by itself.
declare module '*.css';
