/**
 * 本单位值班表 for a unit head (/admin, opened from 值班表 on /m): the unit's week and its rota to
 * edit — their own unit only; the API decides the same (policy `canEditRota`).
 */
import type { User } from '../../lib/session.js';
import { Header } from '../../lib/ui.js';
import { RotaWeek } from './RotaWeek.js';

export function OwnUnitRota({ user }: { user: User }) {
  return (
    <div class="admin-page">
      <Header title="值班表" user={user} nav={[{ href: '/m', label: '返回手机页' }, { href: '/admin/rota', label: '值班表', current: true }]} />
      <main class="admin-main">
        {user.unitId ? <RotaWeek unitId={user.unitId} onSaved={() => undefined} /> : <p>您的账号不属于任何成员单位。</p>}
      </main>
    </div>
  );
}
