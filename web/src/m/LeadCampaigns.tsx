/**
 * 联合行动 a member unit leads (信阳 三(三) 「由市卫生健康委或发起单位牵头」), on the phone: opening one
 * (the unit leads it; it names the other units and their tasks), and for each campaign it leads,
 * every unit's task against its date, with adjusting a date or ending it. The office's page uses
 * the same parts.
 */
import { useEffect, useState } from 'preact/hooks';
import { useUnits } from '../components/use-units.js';
import { get } from '../lib/api.js';
import { CampaignForm, CampaignItem, type Campaign } from '../pages/meetings/CampaignsPanel.js';

export function OpenCampaign({ unitId, jurisdictionId, onDone, onClose }: { unitId: string; jurisdictionId: string; onDone(): void; onClose(): void }) {
  const units = useUnits(jurisdictionId);
  const mine = units.find((u) => u.id === unitId);
  if (!mine) return <p class="notice">正在读取成员单位名单…</p>;
  return (
    <section class="card open-campaign" aria-labelledby="open-campaign-h">
      <h2 id="open-campaign-h">发起联合行动（本单位牵头）</h2>
      <CampaignForm units={units} fixedLead={mine} onCancel={onClose} onDone={onDone} />
    </section>
  );
}

export function LeadCampaigns({ unitId, jurisdictionId, version }: { unitId: string; jurisdictionId: string; version: number }) {
  const units = useUnits(jurisdictionId);
  const [list, setList] = useState<Campaign[]>([]);
  useEffect(() => void get<{ campaigns: Campaign[] }>('/api/v1/campaigns').then((r) => setList(r.campaigns.filter((c) => c.leadUnitId === unitId)), () => {}), [unitId, version]);
  if (list.length === 0) return null;
  return (
    <section class="lead-campaigns" aria-labelledby="lead-campaigns-h">
      <h2 id="lead-campaigns-h">本单位牵头的联合行动</h2>
      <ul class="campaigns">
        {list.map((c) => (
          <CampaignItem key={c.id} c={c} units={units} version={version} mayRun />
        ))}
      </ul>
    </section>
  );
}
