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
