/**
 * 简报与年度报送 (/bulletins), the office's desk for the joint meeting's information work (信阳
 * 三(四), 四(三), 二(三)): bulletins with their read receipts, units' information for the next one,
 * the 15 January annual submissions, and the annual performance report. Units work from /m.
 */
import { Link, usePath } from '../../lib/nav.js';
import type { User } from '../../lib/session.js';
import { deskNav, Header } from '../../lib/ui.js';
import { AnnualTab } from './AnnualTab.js';
import { BulletinsTab } from './BulletinsTab.js';
import { ItemsTab } from './ItemsTab.js';
import { ReportTab } from './ReportTab.js';

type Tab = 'bulletins' | 'items' | 'annual' | 'report';
const TABS: [Tab, string][] = [
  ['bulletins', '简报'],
  ['items', '报送信息'],
  ['annual', '年度报送'],
  ['report', '年度履职情况'],
];

export default function BulletinsPage({ user }: { user: User }) {
  const { path, query } = usePath();
  const tab: Tab = TABS.map(([t]) => t).find((t) => t !== 'bulletins' && path.endsWith(`/${t}`)) ?? 'bulletins';
  // The system administrator names the jurisdiction (?j=); everyone else works in their own.
  const jurisdictionId = user.jurisdictionId ?? query.get('j') ?? 'xinyang';
  const suffix = user.jurisdictionId ? '' : `?j=${jurisdictionId}`;
  const href = (t: Tab) => `/bulletins${t === 'bulletins' ? '' : `/${t}`}${suffix}`;
  return (
    <div class="admin-page">
      <Header title="简报与年度报送" user={user} nav={deskNav(user, 'bulletins')} />
      <div class="admin-bar">
        <nav class="tabs" aria-label="简报与年度报送">
          {TABS.map(([t, label]) => (
            <Link href={href(t)} aria-current={tab === t ? 'page' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
      </div>
      <main class="admin-main">
        {tab === 'bulletins' && <BulletinsTab jurisdictionId={jurisdictionId} openId={query.get('id')} />}
        {tab === 'items' && <ItemsTab jurisdictionId={jurisdictionId} />}
        {tab === 'annual' && <AnnualTab jurisdictionId={jurisdictionId} year={Number(query.get('year')) || undefined} />}
        {tab === 'report' && <ReportTab jurisdictionId={jurisdictionId} />}
      </main>
    </div>
  );
}
