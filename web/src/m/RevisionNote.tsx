/**
 * 续报·第N版: what this version changed for the unit compared with the one before — cases,
 * deaths, severity, the unit's own role — so a new version reads as a change, not a second card.
 */
import type { Item } from './InboxCard.js';

const SEVERITY = { general: '一般', major: '重大', extraordinary: '特大' } as const;
const ROLE = { lead: '牵头', support: '配合', inform: '知悉' } as const;
const KIND = { initial: '初报', follow_up: '续报', final: '终报' } as const;
const COUNTS = [
  ['exposed', '接触人数'],
  ['acuteCases', '急性病例'],
  ['severeCases', '重症'],
  ['deaths', '死亡'],
  ['anthraxCases', '炭疽病例'],
] as const;

/** The changes in words, e.g. 「急性病例 12→15」「本单位由配合改为牵头」. */
export function describeRevision(item: Item): string[] {
  const r = item.revision;
  if (!r?.previous) return [];
  const p = r.previous;
  const c = item.incident.casualties;
  const out: string[] = [];
  for (const [key, label] of COUNTS) if (p.casualties[key] !== c[key]) out.push(`${label} ${p.casualties[key]}→${c[key]}`);
  if (p.severity !== item.incident.severity) out.push(`事故级别 ${SEVERITY[p.severity]}→${SEVERITY[item.incident.severity]}`);
  if (p.role === null) out.push(`本单位新列为${ROLE[item.role]}单位`);
  else if (p.role !== item.role) out.push(`本单位由${ROLE[p.role]}改为${ROLE[item.role]}`);
  return out;
}

export function RevisionNote({ item }: { item: Item }) {
  const r = item.revision;
  if (!r || r.version <= 1) return null;
  const changes = describeRevision(item);
  return (
    <div class="revision" role="note">
      <strong>
        {KIND[r.kind]}·第{r.version}版
      </strong>
      {changes.length ? <span>：{changes.join('；')}</span> : <span>：事故信息有更新</span>}
    </div>
  );
}
