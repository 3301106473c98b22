/**
 * 联席会议 (/meetings): the office's page for the joint meeting's standing work — every meeting
 * with where it stands, convening a new one, and one meeting in full (`?meeting=<id>`). It reads
 * again whenever a standing event arrives, so replies and consents appear as units send them.
 */
import { useEffect, useState } from 'preact/hooks';
import { useUnits } from '../../components/use-units.js';
import { describeError, get } from '../../lib/api.js';
import { EventStream } from '../../lib/realtime.js';
import type { User } from '../../lib/session.js';
import { formatDateTime } from '../../lib/time.js';
import { deskNav, ErrorBox, Header, Loading } from '../../lib/ui.js';
import type { MeetingDetail as Detail } from '../../../../src/contract/meetings.js';
import { ConveneForm } from './ConveneForm.js';
import { MeetingDetail, STAGE } from './MeetingDetail.js';
import { CampaignsPanel } from './CampaignsPanel.js';
import { ProposalsPanel } from './ProposalsPanel.js';

type Meeting = Detail['meeting'];

export default function MeetingsPage({ user }: { user: User }) {
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [selected, setSelected] = useState(() => new URLSearchParams(location.search).get('meeting'));
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState('');
  const [convening, setConvening] = useState(false);
  // Bumped by every standing event, so the proposals below read again too.
  const [version, setVersion] = useState(0);
  const units = useUnits(user.jurisdictionId ?? 'xinyang');
  const mayRun = user.role === 'commander' || user.role === 'admin';

  const load = async (id = selected) => {
    try {
      setMeetings((await get<{ meetings: Meeting[] }>('/api/v1/meetings')).meetings);
      setDetail(id ? await get<Detail>(`/api/v1/meetings/${encodeURIComponent(id)}`) : null);
      setError('');
    } catch (err) {
      setError(describeError(err));
    }
  };
  const open = (id: string) => {
    setSelected(id);
    history.replaceState(null, '', `/meetings?meeting=${encodeURIComponent(id)}`);
    void load(id);
  };

  useEffect(() => void load(), []);
  useEffect(() => {
    const stream = new EventStream({
      afterSeq: null,
      onReconnect: () => void load(),
      onEvents: (events) => {
        // A message about standing work given up shows on the request it was about.
        if (events.some((e) => /^(standing|meeting|minutes|proposal|campaign)\./.test(e.type) || (e.type === 'delivery.failed' && !e.incidentId))) {
          void load();
          setVersion((v) => v + 1);
        }
      },
      onStatus: () => {},
      onUnauthorized: () => location.replace('/login?next=/meetings'),
    });
    stream.start();
    return () => stream.stop();
  }, [selected]);

  return (
    <div class="meetings-page">
      <Header title="联席会议" user={user} nav={deskNav(user, 'meetings')} />
      <main class="page-body">
        {error && <ErrorBox message={error} onRetry={() => void load()} />}
        {mayRun && !convening && (
          <button type="button" class="btn btn-primary" onClick={() => setConvening(true)}>
            召开会议
          </button>
        )}
        {convening && <ConveneForm units={units} onCancel={() => setConvening(false)} onDone={(id) => (setConvening(false), open(id))} />}
        {!meetings ? (
          <Loading what="会议" />
        ) : (
          <table class="data-table" data-table="meetings">
            <caption>会议</caption>
            <thead>
              <tr><th>会议</th><th>时间</th><th>地点</th><th>进度</th></tr>
            </thead>
            <tbody>
              {meetings.length === 0 && (
                <tr><td colSpan={4}>尚未召开会议</td></tr>
              )}
              {meetings.map((m) => (
                <tr key={m.id} data-meeting-id={m.id} aria-current={m.id === selected ? 'true' : undefined}>
                  <td>
                    <a href={`/meetings?meeting=${encodeURIComponent(m.id)}`} onClick={(e) => (e.preventDefault(), open(m.id))}>
                      {m.kind === 'plenary' ? '全体会议' : '专题会议'}：{m.topic}
                    </a>
                  </td>
                  <td>{formatDateTime(m.startsAt)}</td>
                  <td>{m.place}</td>
                  <td>{STAGE[m.stage]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {detail && <MeetingDetail detail={detail} units={units} mayRun={mayRun} onChange={() => void load()} />}
        <ProposalsPanel units={units} mayRun={mayRun} version={version} />
        <CampaignsPanel units={units} mayRun={mayRun} version={version} />
      </main>
    </div>
  );
}
