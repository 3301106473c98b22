/**
 * 本单位值班表 for a unit head (/admin, opened from 值班表 on /m): the unit's week and its rota to
 * edit — their own unit only; the API decides the same (policy `canEditRota`). Its header is a
 * compact bar that wraps, since it is opened from a phone.
 */
import { logOut, type User } from '../../lib/session.js';
import { RotaWeek } from './RotaWeek.js';

export function OwnUnitRota({ user }: { user: User }) {
  return (
    <div class="admin-page own-rota">
      <header class="topbar own-rota-bar">
        <a href="/m">← 返回手机页</a>
        <strong>联防 · 值班表</strong>
        <span class="own-rota-who">{user.displayName}</span>
        <button type="button" class="btn btn-quiet" onClick={() => void logOut()}>
          退出登录
        </button>
      </header>
      <main class="admin-main">
        {user.unitId ? <RotaWeek unitId={user.unitId} onSaved={() => undefined} /> : <p>您的账号不属于任何成员单位。</p>}
      </main>
    </div>
  );
}
