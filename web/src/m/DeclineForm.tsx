/** 退回 with a reason: common reasons one tap away, or written out. */
import { useState } from 'preact/hooks';

export const QUICK_REASONS = ['不属于本单位职责', '事发地不在本单位辖区', '已由其他单位牵头处置', '信息不全，请补充后重发'] as const;

export function DeclineForm({ id, onDecline, onCancel }: { id: string; onDecline(reason: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  return (
    <form
      class="actions"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length >= 2) onDecline(reason.trim());
      }}
    >
      <fieldset class="quick-reasons">
        <legend>常用理由</legend>
        {QUICK_REASONS.map((r) => (
          <button key={r} type="button" class="chip" aria-pressed={reason === r} onClick={() => setReason(r)}>
            {r}
          </button>
        ))}
      </fieldset>
      <label for={`reason-${id}`}>退回理由（必填，可修改）</label>
      <textarea id={`reason-${id}`} required minLength={2} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      <button class="decline" type="submit" disabled={reason.trim().length < 2}>
        确认退回
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        取消
      </button>
    </form>
  );
}
