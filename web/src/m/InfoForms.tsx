/** The phone's two forms for the office: the annual submission (信阳 四(三)) and information for the next bulletin (三(四)1). */
import { useState } from 'preact/hooks';
import { ApiError, describeError, post, put } from '../lib/api.js';
import { useSubmissionKey } from '../lib/submission-key.js';

function useSend() {
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const send = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    setFields({});
    try {
      await run();
      return true;
    } catch (e) {
      setError(describeError(e));
      if (e instanceof ApiError) setFields(e.fieldErrors());
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, fields, busy, send };
}

const FieldError = ({ text }: { text?: string }) => (text ? <p class="declined-note">{text}</p> : null);

export function AnnualForm({ year, onDone }: { year: number; onDone: () => void }) {
  const [summary, setSummary] = useState('');
  const [plan, setPlan] = useState('');
  const [topics, setTopics] = useState('');
  const s = useSend();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await s.send(() => put(`/api/v1/annual-submissions/${year}`, { summary, plan, topics: topics.split('\n') }))) onDone();
  };
  return (
    <form class="card actions" onSubmit={submit} aria-label={`${year}年度报送`}>
      <h2>{year}年度报送</h2>
      {s.error && <p class="message" role="alert">{s.error}</p>}
      <label for="a-summary">上年度工作总结</label>
      <textarea id="a-summary" value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
      <FieldError text={s.fields.summary} />
      <label for="a-plan">本年度重点工作计划</label>
      <textarea id="a-plan" value={plan} onInput={(e) => setPlan(e.currentTarget.value)} />
      <FieldError text={s.fields.plan} />
      <label for="a-topics">议题建议（每行一条）</label>
      <textarea id="a-topics" value={topics} onInput={(e) => setTopics(e.currentTarget.value)} />
      <button type="submit" class="ack" disabled={s.busy}>
        {s.busy ? '提交中…' : '提交年度报送'}
      </button>
    </form>
  );
}

export function ItemForm({ onDone }: { onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const s = useSend();
  const keyFor = useSubmissionKey();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await s.send(() => post('/api/v1/bulletin-items', { title, body }, keyFor({ title, body })))) setSent(true);
  };
  if (sent)
    return (
      <p class="done" role="status">
        已报送联席会议办公室。<button type="button" onClick={onDone}>关闭</button>
      </p>
    );
  return (
    <form class="card actions" onSubmit={submit} aria-label="报送简报信息">
      <h2>报送简报信息</h2>
      {s.error && <p class="message" role="alert">{s.error}</p>}
      <label for="i-title">标题</label>
      <input id="i-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      <FieldError text={s.fields.title} />
      <label for="i-body">内容</label>
      <textarea id="i-body" value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      <FieldError text={s.fields.body} />
      <button type="submit" class="ack" disabled={s.busy}>
        报送
      </button>
      <button type="button" onClick={onDone}>
        取消
      </button>
    </form>
  );
}
