import { describe, expect, it } from 'vitest';
import { loginDestination, sameOriginNext } from '../../web/src/lib/next-path.js';
import { deskPagesOf } from '../../web/src/lib/session.js';

const origin = 'https://lianfang.example.gov.cn';

describe('where the login page goes next', () => {
  it('paths that start with "/" but leave the site are refused (backslash, tab, newline, scheme-relative)', () => {
    for (const next of ['/\\evil', '/\t/evil', '/\n/evil', '//evil', '/\\/evil.cn', '\\\\evil', 'https://evil.cn/m', 'javascript:alert(1)', ' //evil'])
      expect(sameOriginNext(next, origin), JSON.stringify(next)).toBeNull();
  });

  it('the raw /login?next=… values of the report land on our own origin or nowhere', () => {
    for (const raw of ['/%5Cevil', '/%09/evil']) {
      const next = new URLSearchParams(`next=${raw}`).get('next');
      const followed = loginDestination(next, origin, '/board');
      expect(new URL(followed, origin).origin).toBe(origin);
      expect(followed).toBe('/board');
    }
  });

  it('own paths are followed as the parsed path, query and hash kept; /login itself is not', () => {
    expect(sameOriginNext('/m?task=tsk_1', origin)).toBe('/m?task=tsk_1');
    expect(sameOriginNext('/board#x', origin)).toBe('/board#x');
    expect(sameOriginNext(`${origin}/duty`, origin)).toBe('/duty');
    expect(sameOriginNext('/login?next=/board', origin)).toBeNull();
    expect(sameOriginNext(null, origin)).toBeNull();
  });

  it('a unit member follows only /m links, a desk user only desk links', () => {
    expect(loginDestination('/m?task=tsk_1', origin, '/m')).toBe('/m?task=tsk_1');
    expect(loginDestination('/board', origin, '/m')).toBe('/m');
    expect(loginDestination('/m', origin, '/board')).toBe('/board');
    expect(loginDestination('/mx', origin, '/m')).toBe('/m');
    expect(loginDestination('/duty', origin, '/board')).toBe('/duty');
  });

  it('a unit head also follows a link to its 值班表 on /admin; a liaison does not', () => {
    expect(loginDestination('/admin/rota', origin, '/m', deskPagesOf('unit_head'))).toBe('/admin/rota');
    expect(loginDestination('/admin/rota', origin, '/m', deskPagesOf('liaison'))).toBe('/m');
    expect(loginDestination('/administer', origin, '/m', deskPagesOf('unit_head'))).toBe('/m');
    expect(loginDestination('/board', origin, '/m', deskPagesOf('unit_head'))).toBe('/m');
  });
});
