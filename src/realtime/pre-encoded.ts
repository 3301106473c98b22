/**
 * A socket.io parser whose encoder takes an answer already turned into JSON: the same `resume`
 * answer sent to a thousand sockets of one audience is stringified once, not once per socket.
 * The wire format is socket.io's own (`3<id>[<json>]`), so every client decodes it unchanged;
 * every other packet goes through socket.io-parser as usual.
 */
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/** An acknowledgement's argument, already JSON. */
export class PreEncoded {
  constructor(readonly json: string) {}
}

class PreEncodingEncoder extends Encoder {
  override encode(packet: Packet): any[] {
    const only = Array.isArray(packet.data) && packet.data.length === 1 ? packet.data[0] : undefined;
    if (packet.type !== PacketType.ACK || !(only instanceof PreEncoded)) return super.encode(packet);
    const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
    return [`${PacketType.ACK}${nsp}${packet.id ?? ''}[${only.json}]`];
  }
}

export const preEncodingParser = { Encoder: PreEncodingEncoder, Decoder };
