/**
 * Why a message could not be delivered, in words a duty officer can act on — never the network
 * detail the adapter logged (host names, error codes). Pure.
 */
export function plainFailureReason(reason: string | null | undefined, channel: string): string {
  const r = reason ?? '';
  if (/gone|410|404|订阅/.test(r) && channel === 'web_push') return '推送订阅已失效，请联络员重新开启推送';
  if (/未配置|not configured/.test(r)) return channel === 'sms' ? '短信服务未配置，无法发送短信' : '该渠道未配置，无法发送';
  if (/停用|删除|removed/.test(r)) return '联系方式已删除或停用';
  if (channel === 'robot') return '群机器人拒绝或无法接收消息，请检查机器人地址和密钥';
  if (channel === 'sms') return '短信服务商拒绝发送，请检查号码和短信配置';
  if (channel === 'web_push') return '推送服务无法送达';
  return '发送失败';
}

/** Why a stopped delivery was not sent, in the words of the record: no failure, its subject no longer wanted it. */
export const STOPPED_REASON = '事项已结案、被续报取代、已退回、已改派或已办理，停止发送';

/** What this server can send: which providers have an adapter, and which addresses one refuses outright. */
export interface ChannelSupport {
  configured(provider: string): boolean;
  refusesAddress(provider: string, address: string): boolean;
}

export const ROBOT_HOST_REFUSED = '群机器人地址不是本系统允许的钉钉或企业微信地址，消息无法发出，请核对机器人网址';

/**
 * Why a contact point cannot deliver, when that is known before any message is sent (the provider
 * is not configured on this server, a robot's webhook host is not allowed); null when nothing
 * stands in the way. Pure.
 */
export function knownUndeliverable(point: { channel: string; provider: string; address: string }, support: ChannelSupport): string | null {
  if (!support.configured(point.provider)) return plainFailureReason('not configured', point.channel);
  if (point.channel === 'robot' && support.refusesAddress(point.provider, point.address)) return ROBOT_HOST_REFUSED;
  return null;
}
