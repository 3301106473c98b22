/** A channel adapter that records what it would send, and can be told to fail. */
import type { ChannelAdapter, ContactPoint, OutboundMessage, SendResult } from '../../src/delivery/channel.js';

export class RecordingAdapter implements ChannelAdapter {
  sent: { message: OutboundMessage; contact: ContactPoint }[] = [];
  /** Results to return next, in order; when empty, every send succeeds. */
  script: SendResult[] = [];
  constructor(readonly provider: ContactPoint['provider']) {}
  async send(message: OutboundMessage, contact: ContactPoint): Promise<SendResult> {
    const result = this.script.shift() ?? { ok: true };
    if (result.ok) this.sent.push({ message, contact });
    return result;
  }
  to(address: string) {
    return this.sent.filter((s) => s.contact.address === address);
  }
}
