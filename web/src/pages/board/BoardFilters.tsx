/** 筛选与搜索: jurisdiction level, severity, drill or real, my alerts, and a search by ref, title or enterprise. */
import { SEVERITY_LABELS } from '../../../../src/contract/labels.js';
import { SEVERITIES } from '../../../../src/domain/enums.js';
import { isFiltered, NO_FILTER, type BoardFilter } from './board-summary.js';

export function BoardFilters({ filter, onChange, shown, total }: { filter: BoardFilter; onChange(f: BoardFilter): void; shown: number; total: number }) {
  const set = (patch: Partial<BoardFilter>) => onChange({ ...filter, ...patch });
  return (
    <form class="board-filters" role="search" aria-label="筛选事故" onSubmit={(e) => e.preventDefault()}>
      <div class="field">
        <label for="bf-search">搜索</label>
        <input id="bf-search" type="search" placeholder="编号、标题或企业名称" value={filter.search} onInput={(e) => set({ search: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for="bf-level">来源</label>
        <select id="bf-level" value={filter.level} onChange={(e) => set({ level: e.currentTarget.value as BoardFilter['level'] })}>
          <option value="">全部</option>
          <option value="own">本级接报</option>
          <option value="incoming">下级逐级上报</option>
        </select>
      </div>
      <div class="field">
        <label for="bf-severity">级别</label>
        <select id="bf-severity" value={filter.severity} onChange={(e) => set({ severity: e.currentTarget.value as BoardFilter['severity'] })}>
          <option value="">全部</option>
          {[...SEVERITIES].reverse().map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="bf-drill">性质</label>
        <select id="bf-drill" value={filter.drill} onChange={(e) => set({ drill: e.currentTarget.value as BoardFilter['drill'] })}>
          <option value="">全部</option>
          <option value="real">真实事故</option>
          <option value="drill">演练</option>
        </select>
      </div>
      <label class="check-field">
        <input type="checkbox" checked={filter.mine} onChange={(e) => set({ mine: e.currentTarget.checked })} /> 只看待我处理的
      </label>
      <span class="muted" aria-live="polite">
        {isFiltered(filter) ? `显示 ${shown}/${total} 起` : `共 ${total} 起`}
      </span>
      {isFiltered(filter) && (
        <button type="button" class="btn btn-small" onClick={() => onChange(NO_FILTER)}>
          清除筛选
        </button>
      )}
    </form>
  );
}
