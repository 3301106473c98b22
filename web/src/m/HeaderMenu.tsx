/**
 * The phone header's less frequent actions (渠道, 成员调整, 修改密码, 退出) behind one 更多 button,
 * so the header stays one line on a 360 px phone and the first card's 签收 stays on screen.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function HeaderMenu({ children }: { children: (close: () => void) => ComponentChildren }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (menu.current) menu.current.open = false;
  };
  useEffect(() => {
    // A tap anywhere else closes the menu, as a phone user expects.
    const onPointer = (e: Event) => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, []);
  return (
    <details class="menu" ref={menu}>
      <summary>更多</summary>
      <div class="menu-items">{children(close)}</div>
    </details>
  );
}
