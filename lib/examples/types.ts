/** An example FDO form the playground can load and GET /examples lists. */
export interface FdoExample {
  id: string;
  title: string;
  description: string;
  /** canonical FDO text (what the decompiler prints), Latin-1 */
  source: string;
}
