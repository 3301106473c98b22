/**
 * 名册导入导出: download the template or the current roster (.xlsx / .csv); upload a file, see every
 * row's problem with its row number, then import it all at once (nothing is written while any row
 * has a problem). New people's initial passwords are shown once.
 */
import { useState } from 'preact/hooks';
import type { RosterImportResult, RosterPreview } from '../../../../src/contract/roster.js';
import { forPeople } from '../../../../src/contract/words.js';

async function upload<T>(jurisdictionId: string, step: 'preview' | 'import', file: File): Promise<T> {
  const res = await fetch(`/api/v1/admin/jurisdictions/${encodeURIComponent(jurisdictionId)}/roster/${step}?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const errors: { field: string; message: string }[] = body?.errors ?? [];
    throw new Error(errors.length ? errors.map((e) => forPeople(e.message)).join('\n') : forPeople(body?.detail ?? '导入失败，未写入任何内容'));
  }
  return body as T;
}

export function RosterImportTab({ jurisdictionId }: { jurisdictionId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [result, setResult] = useState<RosterImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/admin/jurisdictions/${encodeURIComponent(jurisdictionId)}/roster`;

  const run = async (step: 'preview' | 'import') => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      if (step === 'preview') {
        setResult(null);
        setPreview(await upload<RosterPreview>(jurisdictionId, 'preview', file));
      } else {
        setResult(await upload<RosterImportResult>(jurisdictionId, 'import', file));
        setPreview(null);
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">名册导入导出</h1>
      <p>
        下载模板：<a href={`${base}/template?format=xlsx`}>电子表格模板</a> · <a href={`${base}/template?format=csv`}>逗号分隔模板</a>
        {'　'}导出现有名册：<a href={`${base}?format=xlsx`}>电子表格</a> · <a href={`${base}?format=csv`}>逗号分隔文件</a>
      </p>
      <form
        class="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run('preview');
        }}
      >
        <div class="field">
          <label for="roster-file">名册文件（电子表格或逗号分隔文件）</label>
          <input
            id="roster-file"
            type="file"
            accept=".xlsx,.csv"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setPreview(null);
              setResult(null);
              setError(null);
            }}
          />
        </div>
        <button type="submit" disabled={!file || busy}>
          预览检查
        </button>
      </form>
      {error && (
        <div class="error-box" role="alert" style="white-space: pre-line">
          {error}
        </div>
      )}
      {preview && !preview.ok && (
        <div class="import-problems">
          <p role="status" class="warn-text">
            共 {preview.problems.length} 处问题，请修改后重新上传；在此之前不会导入任何内容。
          </p>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">行号</th>
                <th scope="col">列</th>
                <th scope="col">问题</th>
              </tr>
            </thead>
            <tbody>
              {preview.problems.map((p, i) => (
                <tr key={i} data-problem-row={p.row}>
                  <td>第{p.row}行</td>
                  <td>{p.column ?? '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview && preview.ok && (
        <div class="import-ready">
          <p role="status">
            检查通过：共 {preview.rows} 人，新建 {preview.created} 个账号，更新 {preview.updated} 个账号。
          </p>
          <button type="button" disabled={busy} onClick={() => void run('import')}>
            确认导入
          </button>
        </div>
      )}
      {result && (
        <div class="import-done">
          <p role="status">
            已导入：共 {result.rows} 人，新建 {result.created} 个账号，更新 {result.updated} 个账号。
          </p>
          {result.newAccounts.length > 0 && (
            <>
              <p>新账号的初始密码只显示这一次，请逐一告知本人；本人首次登录时须修改密码：</p>
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">用户名</th>
                    <th scope="col">初始密码</th>
                  </tr>
                </thead>
                <tbody>
                  {result.newAccounts.map((a) => (
                    <tr key={a.username}>
                      <td class="mono" data-literal>
                        {a.username}
                      </td>
                      <td class="mono" data-literal>
                        {a.initialPassword}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
