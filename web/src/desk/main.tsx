/**
 * The desk app (index.html): login, the duty officer's console, the commander's board and admin.
 * Each page is its own lazily loaded chunk; each checks who is signed in (/auth/me) before it
 * shows anything, and the API enforces the same rules.
 */
import { render, type ComponentChild, type ComponentType } from 'preact';
import '../styles/desk.css';
import { describeError } from '../lib/api.js';
import { currentUser, LANDING, landingUrl, loginUrl, loginUrlForLanding, PAGE_ROLES, type User } from '../lib/session.js';
import { labelOf, USER_ROLE_LABELS } from '../../../src/contract/labels.js';

type PageModule = { default: ComponentType<{ user: User }> };
type PageName = keyof typeof PAGE_ROLES;

const PAGES: { match: RegExp; name: PageName; load: () => Promise<PageModule> }[] = [
  { match: /^\/duty(\/|$)/, name: 'duty', load: () => import('../pages/duty/DutyPage.js') },
  { match: /^\/board(\/|$)/, name: 'board', load: () => import('../pages/board/BoardPage.js') },
  { match: /^\/admin(\/|$)/, name: 'admin', load: () => import('../pages/admin/AdminPage.js') },
  { match: /^\/meetings(\/|$)/, name: 'meetings', load: () => import('../pages/meetings/MeetingsPage.js') },
  { match: /^\/bulletins(\/|$)/, name: 'bulletins', load: () => import('../pages/bulletins/BulletinsPage.js') },
];

const root = document.getElementById('app')!;
// The loading text is not Preact's: clear it so the first render starts from an empty container.
const mount = (node: ComponentChild) => {
  root.textContent = '';
  render(node, root);
};

function Forbidden({ user }: { user: User }) {
  return (
    <main class="center-page">
      <h1>无权访问此页面</h1>
      <p>
        {user.displayName}（{labelOf(USER_ROLE_LABELS, user.role)}）不能打开此页面。
      </p>
      <p>
        <a class="btn btn-primary" href={LANDING[user.role]}>
          前往我的页面
        </a>
      </p>
    </main>
  );
}

function PhonePlaceholder({ user }: { user: User }) {
  return (
    <main class="center-page">
      <h1>联络员手机页</h1>
      <p>{user.displayName}，手机签收页面正在建设中。</p>
    </main>
  );
}

async function boot(): Promise<void> {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/login') {
    const { default: LoginPage } = await import('../pages/login.js');
    mount(<LoginPage />);
    return;
  }
  const user = await currentUser();
  if (!user) {
    location.replace(path === '/' ? loginUrlForLanding(location.search) : loginUrl());
    return;
  }
  if (user.mustChangePassword) {
    // After an administrator's reset nothing else is open: the change form first.
    location.replace(`/login?change=1&next=${encodeURIComponent(location.pathname + location.search)}`);
    return;
  }
  if (path === '/') {
    location.replace(landingUrl(user.role, location.search));
    return;
  }
  if (path === '/m' || path.startsWith('/m/')) {
    mount(<PhonePlaceholder user={user} />);
    return;
  }
  const page = PAGES.find((p) => p.match.test(path));
  if (!page) {
    location.replace(LANDING[user.role]);
    return;
  }
  if (!PAGE_ROLES[page.name].includes(user.role)) {
    mount(<Forbidden user={user} />);
    return;
  }
  const { default: Page } = await page.load();
  mount(<Page user={user} />);
}

boot().catch((err) => {
  mount(
    <main class="center-page">
      <h1>无法加载</h1>
      <p role="alert">{describeError(err)}</p>
      <p>
        <button type="button" class="btn btn-primary" onClick={() => location.reload()}>
          重新加载
        </button>
      </p>
    </main>,
  );
});
