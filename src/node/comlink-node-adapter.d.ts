// comlink ships its Node adapter as an .mjs without an exports map; its types sit beside it.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
