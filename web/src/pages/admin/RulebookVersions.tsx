/** 规则库版本记录: every version with who made it, when and why; incidents keep the version they were routed with. */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { rulebookHistorySchema } from '../../../../src/contract/roster.js';
import { describeError, get } from '../../lib/api.js';
import { ErrorBox, Loading } from '../../lib/ui.js';

type History = z.infer<typeof rulebookHistorySchema>;

export function RulebookVersionsTab({ jurisdictionId }: { jurisdictionId: string }) {
  const [data, setData] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<History>(`/api/v1/admin/jurisdictions/${encodeURIComponent(jurisdictionId)}/rulebook-versions`)
      .then(setData)
      .catch((err) => setError(describeError(err)));
  }, [jurisdictionId]);
  if (error) return <ErrorBox message={error} />;
  if (!data) return <Loading what="规则库版本" />;
  return (
    <section aria-labelledby="versions-title">
      <h1 id="versions-title">规则库版本记录</h1>
      <p class="muted">调整成员单位或其职责即形成新版本；已发生的事故仍按其通知时的版本记录。</p>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">版本</th>
            <th scope="col">时间</th>
            <th scope="col">调整人</th>
            <th scope="col">理由</th>
            <th scope="col">依据版本</th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((v) => (
            <tr key={v.version} data-version={v.version}>
              <td>
                {v.version}
                {v.current && <span class="tag">现行</span>}
              </td>
              <td>{new Date(v.at).toLocaleString('zh-CN', { hour12: false })}</td>
              <td>{v.by ?? '随系统发布'}</td>
              <td>{v.reason ?? '—'}</td>
              <td>{v.basedOn ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
