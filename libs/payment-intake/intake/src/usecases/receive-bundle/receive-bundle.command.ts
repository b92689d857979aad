// An authority's bundle as it arrives: who sent it (proven by the transport: the broker-validated
// user-id, or the authenticated HTTP client) and the document as a byte stream.
export class ReceiveBundleCommand {
  constructor(
    readonly authorityId: string,
    readonly document: AsyncIterable<Uint8Array>,
  ) {
    if (!/^[A-Za-z0-9_-]{1,50}$/.test(authorityId))
      throw new Error('authorityId must be 1-50 letters, digits, _ or -');
  }
}
