/** 登录: username and password; each role then lands on its own page. */
import { useEffect, useState } from 'preact/hooks';
import { loadClientSettings } from '../components/use-client-settings.js';
import { ApiError, describeError } from '../lib/api.js';
import { currentUser, deskPagesOf, LANDING, logIn } from '../lib/session.js';
import { loginDestination } from '../lib/next-path.js';
import { waitWords } from '../../../src/contract/words.js';
import { PasswordChangeForm } from '../components/PasswordChangeForm.js';
import type { UserRole } from '../../../src/domain/enums.js';

/** Someone who must, or wants to, change the password: with what they just typed, or asked again. */
interface Changing {
  role: UserRole;
  forced: boolean;
  current?: string;
}


export default function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState(false);
  const [changing, setChanging] = useState<Changing | null>(null);
  const next = new URLSearchParams(location.search).get('next');
  useEffect(() => {
    // Public settings, answered 200 with or without a session: nothing here logs an error.
    loadClientSettings().then((s) => setDemo(s.demoAccounts), () => undefined);
    // /login?change=1: a signed-in person changing the password (or sent here to, after a reset).
    if (new URLSearchParams(location.search).get('change'))
      currentUser().then((u) => u && setChanging({ role: u.role, forced: u.mustChangePassword }), () => undefined);
  }, []);

  if (changing)
    return (
      <main class="login-page">
        <PasswordChangeForm
          current={changing.current}
          forced={changing.forced}
          onDone={() => location.assign(loginDestination(next, location.origin, LANDING[changing.role], deskPagesOf(changing.role)))}
        />
      </main>
    );

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError('请输入用户名和密码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { user, mustChangePassword } = await logIn(username.trim(), password);
      if (mustChangePassword) {
        setBusy(false);
        setChanging({ role: user.role, forced: true, current: password });
        return;
      }
      // Only a path of this origin, and of the role's own kind of page, is followed.
      location.assign(loginDestination(next, location.origin, LANDING[user.role], deskPagesOf(user.role)));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 401) setError('用户名或密码不正确');
      else if (err instanceof ApiError && err.status === 429)
        setError(err.retryAfterSeconds ? `登录尝试次数过多，请等待${waitWords(err.retryAfterSeconds)}后再试` : '登录尝试次数过多，请稍后再试');
      else if (err instanceof ApiError && err.status === 403) setError('演示账号不能在正式环境中登录，请使用管理员为您创建的账号');
      else setError(describeError(err));
    }
  }

  return (
    <main class="login-page">
      <form class="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div class="brand brand-large">
          <span class="logo" aria-hidden="true">联</span>
          <h1 id="login-title">联防 · 职业病危害事故通报</h1>
        </div>
        <p class="muted">卫健委值班员、指挥长、管理员与成员单位联络员登录</p>
        {error && (
          <p class="form-error" role="alert" id="login-error">
            {error}
          </p>
        )}
        <div class="field">
          <label for="username">用户名</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            autoFocus
            value={username}
            aria-describedby={error ? 'login-error' : undefined}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="password">密码</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
        {demo && <DemoAccounts />}
      </form>
    </main>
  );
}

/** Shown only while the demo accounts exist (SEED_DEMO): where they are and how they are named. */
function DemoAccounts() {
  return (
    <section class="demo-accounts" aria-labelledby="demo-title">
      <h2 id="demo-title">演示账号</h2>
      <p>
        本系统当前载有演示数据，演示账号见说明文件（README），密码均为 <code data-literal>lianfang-demo</code>：
      </p>
      <ul>
        <li>
          <code data-literal>duty</code> 值班员，<code data-literal>commander</code> 指挥长，<code data-literal>admin</code> 管理员
        </li>
        <li>
          <code data-literal>liaison.单位代号</code> 成员单位联络员，<code data-literal>head.单位代号</code> 单位负责人，如 <code data-literal>liaison.xy_zgh</code>（信阳市总工会）
        </li>
      </ul>
    </section>
  );
}
