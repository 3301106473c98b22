/** Small pieces every desk page shares: header, badges, the connection banner, a ticking clock. */
import type { ComponentChildren } from 'preact';
import { labelOf, ROLE_LABELS, SEVERITY_LABELS, USER_ROLE_LABELS } from '../../../src/contract/labels.js';
import type { LinkStatus } from './realtime.js';
import { logOut, PAGE_ROLES, type User } from './session.js';
import { formatTime } from './time.js';
import { useNow } from './use-now.js';

/** Re-renders every `ms` milliseconds and returns the current time. */
export { useNow };

const SEVERITY_ICON: Record<string, string> = { general: '●', major: '▲', extraordinary: '◆' };

export function SeverityBadge({ severity, large = false }: { severity: string; large?: boolean }) {
  return (
    <span class={`severity severity-${severity}${large ? ' severity-large' : ''}`} title={`事故等级：${labelOf(SEVERITY_LABELS, severity)}`}>
      <span aria-hidden="true">{SEVERITY_ICON[severity] ?? '●'} </span>
      {labelOf(SEVERITY_LABELS, severity)}
      <span class="sr-only">事故</span>
    </span>
  );
}

export function RoleBadge({ role }: { role: string }) {
  return <span class={`role role-${role}`}>{labelOf(ROLE_LABELS, role)}</span>;
}

export interface NavItem {
  href: string;
  label: string;
  current?: boolean;
}

/** The desk pages this user may open, for the header. */
export function deskNav(user: User, current: keyof typeof PAGE_ROLES): NavItem[] {
  const pages: [keyof typeof PAGE_ROLES, string, string][] = [
    ['duty', '/duty', '值班台'],
    ['board', '/board', '指挥大屏'],
    ['meetings', '/meetings', '联席会议'],
    ['bulletins', '/bulletins', '简报与报送'],
    ['admin', '/admin', '管理'],
  ];
  return pages.filter(([name]) => PAGE_ROLES[name].includes(user.role)).map(([name, href, label]) => ({ href, label, current: name === current }));
}

export function Header({ title, user, nav = [], children }: { title: string; user: User; nav?: NavItem[]; children?: ComponentChildren }) {
  return (
    <header class="topbar">
      <div class="brand">
        <span class="logo" aria-hidden="true">联</span>
        <span>
          联防 <span class="brand-sub">· {title}</span>
        </span>
      </div>
      {nav.length > 0 && (
        <nav aria-label="页面" class="topnav">
          {nav.map((n) => (
            <a href={n.href} aria-current={n.current ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
      )}
      <div class="topbar-extra">{children}</div>
      <div class="whoami">
        <span>
          {user.displayName}
          <span class="muted">（{labelOf(USER_ROLE_LABELS, user.role)}）</span>
        </span>
        <a class="btn btn-quiet" href={`/login?change=1&next=${encodeURIComponent(location.pathname + location.search)}`}>
          修改密码
        </a>
        <button type="button" class="btn btn-quiet" onClick={() => void logOut()}>
          退出登录
        </button>
      </div>
    </header>
  );
}

/** The connection banner: always present to screen readers, visible when not live. */
export function LinkBanner({ status, since, lastEventAt }: { status: LinkStatus; since?: number; lastEventAt?: number }) {
  const now = useNow(1000);
  if (status === 'online')
    return (
      <div class="link link-online" role="status" aria-live="polite" data-link="online">
        <span aria-hidden="true">●</span> 实时连接正常{lastEventAt ? ` · 最近更新 ${formatTime(new Date(lastEventAt).toISOString(), true)}` : ''}
      </div>
    );
  const text =
    status === 'resyncing'
      ? '重连成功，正在补齐离线期间的更新…'
      : status === 'connecting'
        ? '正在连接实时服务…'
        : `离线 — 重连中${since ? `（已断开 ${Math.max(0, Math.round((now - since) / 1000))} 秒）` : ''}，显示的可能不是最新情况`;
  return (
    <div class={`link link-${status}`} role={status === 'offline' ? 'alert' : 'status'} data-link={status}>
      <span aria-hidden="true">{status === 'offline' ? '⚠' : '↻'}</span> {text}
    </div>
  );
}

export function Loading({ what = '数据' }: { what?: string }) {
  return (
    <p class="loading" role="status">
      正在加载{what}…
    </p>
  );
}

export function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div class="error-box" role="alert">
      <strong>出错了：</strong>
      {message}
      {onRetry && (
        <button type="button" class="btn" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}
