/* Assets the page build inlines (webpack asset/inline): the import is a data: URL. */
declare module '*.xlsx' {
  const dataUrl: string;
  export default dataUrl;
}
