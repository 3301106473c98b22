/**
 * 值班台 (/duty): the duty officer's console — a new report with its live preview, the incident
 * list, one incident, and 续报/终报 starting from the current facts.
 */
import { useEffect, useState } from 'preact/hooks';
import type { IncidentFacts } from '../../../../src/contract/report.js';
import { describeError, get } from '../../lib/api.js';
import { closeBlockersOf } from '../../components/response-clocks.js';
import { directsResponse } from '../../components/TaskBoard.js';
import { entryFromDetail, type IncidentDetail } from '../../lib/incident-state.js';
import { Link, navigate, usePath } from '../../lib/nav.js';
import type { User } from '../../lib/session.js';
import { deskNav, ErrorBox, Header, Loading } from '../../lib/ui.js';
import { emptyForm, formFromFacts } from './form-model.js';
import { IncidentList } from './IncidentList.js';
import { IncidentView } from './IncidentView.js';
import { ReportForm } from './ReportForm.js';
import { UnitReportsPanel } from '../../components/UnitReportsPanel.js';

export default function DutyPage({ user }: { user: User }) {
  const { path, query } = usePath();
  const jurisdictionId = user.jurisdictionId ?? query.get('jurisdictionId') ?? 'xinyang';
  const follow = path.match(/^\/duty\/incidents\/([^/]+)\/report$/);
  const one = path.match(/^\/duty\/incidents\/([^/]+)$/);
  const tab = path === '/duty' || path === '/duty/new' ? 'new' : 'list';

  let body;
  if (follow) body = <FollowUp user={user} jurisdictionId={jurisdictionId} incidentId={decodeURIComponent(follow[1]!)} kind={query.get('kind') === 'final' ? 'final' : 'follow_up'} />;
  else if (one) body = <IncidentView id={decodeURIComponent(one[1]!)} filed={query.get('filed')} user={user} />;
  else if (path === '/duty/incidents') body = <IncidentList />;
  else
    body = (
      <ReportForm
        key="initial"
        user={user}
        jurisdictionId={jurisdictionId}
        mode={{ kind: 'initial' }}
        initial={() => emptyForm()}
        onFiled={(res) => navigate(`/duty/incidents/${res.id}?filed=initial`)}
      />
    );

  return (
    <div class="duty-page">
      <Header title="值班台" user={user} nav={deskNav(user, 'duty')} />
      <nav class="tabs" aria-label="值班台">
        <Link href="/duty" aria-current={tab === 'new' ? 'page' : undefined}>
          新报告
        </Link>
        <Link href="/duty/incidents" aria-current={tab === 'list' ? 'page' : undefined}>
          事故列表
        </Link>
      </nav>
      <main class="duty-main">
        <UnitReportsPanel incidentHref={(id) => `/duty/incidents/${encodeURIComponent(id)}`} />
        {body}
      </main>
    </div>
  );
}

function FollowUp({ user, jurisdictionId, incidentId, kind }: { user: User; jurisdictionId: string; incidentId: string; kind: 'follow_up' | 'final' }) {
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<IncidentDetail>(`/api/v1/incidents/${encodeURIComponent(incidentId)}`)
      .then(setDetail)
      .catch((err) => setError(describeError(err)));
  }, [incidentId]);
  if (error) return <ErrorBox message={error} />;
  if (!detail) return <Loading what="当前事实" />;
  if (detail.incident.status === 'closed') return <ErrorBox message={`${detail.incident.ref} 已结案，不能再续报。`} />;
  const facts = detail.incident.facts as IncidentFacts | undefined;
  if (!facts) return <ErrorBox message="无权查看此事故的事实" />;
  return (
    <ReportForm
      key={`${incidentId}.${kind}`}
      user={user}
      jurisdictionId={detail.incident.jurisdictionId ?? jurisdictionId}
      mode={{ kind, incidentId, ref: detail.incident.ref }}
      initial={() => formFromFacts(facts)}
      onFiled={() => navigate(`/duty/incidents/${incidentId}?filed=${kind}`)}
      closing={kind === 'final' ? { blockers: closeBlockersOf(entryFromDetail(detail)), canOverride: directsResponse(user) } : undefined}
    />
  );
}
