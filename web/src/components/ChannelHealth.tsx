/**
 * Whether a contact channel can deliver, said where it is configured: a reason known without
 * sending (no SMS provider on this server, a robot host not allowed) and its last failure.
 */
import { formatDateTime } from '../lib/time.js';

export interface ChannelPoint {
  id: string;
  channel: string;
  provider: string;
  address: string;
  label?: string | null;
  lastFailureAt?: string | null;
  lastFailureReason?: string | null;
  cannotDeliver?: string | null;
}

export const CHANNEL_NAMES: Record<string, string> = { sms: '短信', web_push: '推送', robot: '群机器人' };
export const ROBOT_PROVIDERS: Record<string, string> = { dingtalk: '钉钉', wecom: '企业微信' };

export function ChannelHealth({ point }: { point: ChannelPoint }) {
  return (
    <>
      {point.cannotDeliver && (
        <span class="channel-problem" role="status">
          ⚠ 无法发送：{point.cannotDeliver}
        </span>
      )}
      {point.lastFailureAt && (
        <span class="channel-failure">
          最近一次发送失败：{formatDateTime(point.lastFailureAt)}
          {point.lastFailureReason ? ` · ${point.lastFailureReason}` : ''}
        </span>
      )}
    </>
  );
}
