/**
 * Why a 终报 cannot close the incident yet: the obligations not reported and the tasks still
 * open, each named. Only a commander may close anyway, with a written reason.
 */
import { labelOf, TASK_STATE_LABELS } from '../../../../src/contract/labels.js';
import type { CloseBlockers } from '../../components/response-clocks.js';
import { formatShort } from '../../lib/time.js';

export function CloseBlockersNotice({ blockers, canOverride, refused = false }: { blockers: CloseBlockers; canOverride: boolean; refused?: boolean }) {
  return (
    <div class={`notice ${refused ? 'notice-error' : 'notice-warn'} close-blockers`} data-close-blockers>
      <p>
        <strong>{refused ? '终报未能结案：' : '结案条件尚未满足：'}</strong>
        每项上报义务须已上报、每项任务须已办结或关闭。
        {canOverride ? '指挥长可填写理由强制结案。' : '请先办理，或请指挥长强制结案。'}
      </p>
      <ul>
        {blockers.obligations.map((o) => (
          <li key={o.id}>
            未上报：{o.recipientName}（{o.deadlineText}，截止 {formatShort(o.dueAt)}）
          </li>
        ))}
        {blockers.tasks.map((t) => (
          <li key={t.id}>
            未办结任务：{t.unitName}「{t.title}」（{labelOf(TASK_STATE_LABELS, t.state)}，时限 {formatShort(t.dueAt)}）
          </li>
        ))}
      </ul>
    </div>
  );
}
