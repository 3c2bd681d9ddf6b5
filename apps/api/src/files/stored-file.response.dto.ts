export class StoredFileResponse {
  /** Give this as `file.sha256` when attaching the evidence. */
  sha256!: string;
  bytes!: number;
}
