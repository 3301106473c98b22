/**
 * A parent province for 逐级上报 tests: a small rulebook of its own, installed beside 信阳, which
 * is re-installed with the province as its parent. Its people share one password.
 */
import { loadRulebook } from '../../src/rulebooks/index.js';
import type { RulebookInput } from '../../src/rulebooks/schema.js';
import { hashPassword } from '../../src/services/auth/password.js';
import { installRulebooks } from '../../src/services/rulebooks/install.js';
import { createUsers } from '../../src/services/users/create-user.js';
import type { TestServer } from './server.js';

export const PROVINCE_PASSWORD = 'province-pw';

export const province: RulebookInput = {
  jurisdiction: { id: 'test_henan', name: '测试省', level: 'province', utcOffset: '+08:00' },
  version: 'test-1',
  document: { title: '测试省职业病防治工作联席会议制度', number: '测卫〔2026〕1号' },
  commissionUnitId: 'th_wjw',
  units: [
    { id: 'th_wjw', name: '测试省卫生健康委员会', shortName: '省卫健委', section: '一', duties: [{ ref: '(一)', text: '负责全省职业病危害事故的调查处理' }] },
    { id: 'th_yjt', name: '测试省应急管理厅', shortName: '省应急厅', section: '二', duties: [{ ref: '', text: '负责全省安全生产综合监督管理' }] },
    { id: 'th_jyt', name: '测试省教育厅', shortName: '省教育厅', section: '三', duties: [{ ref: '', text: '负责全省学校职业健康工作' }] },
  ],
  routing: [
    { id: 'wjw_lead', unitId: 'th_wjw', role: 'lead', when: { always: true }, reason: '每起职业病危害事故', basis: { unitDuty: '(一)' } },
    { id: 'yjt_poison', unitId: 'th_yjt', role: 'support', when: { hazard: ['acute_poisoning'] }, reason: '急性中毒事故', basis: { unitDuty: '' } },
    { id: 'jyt_school', unitId: 'th_jyt', role: 'support', when: { setting: ['school'] }, reason: '学校', basis: { unitDuty: '' } },
  ],
  ackDeadlineMinutes: {
    lead: { general: 30, major: 15, extraordinary: 10 },
    support: { general: 60, major: 30, extraordinary: 15 },
    inform: { general: 240, major: 120, extraordinary: 60 },
  },
};

type ProvinceUser = { username: string; displayName: string; role: 'duty_officer' | 'commander' | 'liaison'; unitId?: string };

/** Installs the province as 信阳's parent and creates its people. */
export async function installTestProvince(server: TestServer, people: ProvinceUser[]): Promise<void> {
  const xinyang = (await server.services.rulebooks.current('xinyang'))!;
  await installRulebooks(server.services.db, [
    loadRulebook(province),
    loadRulebook({ ...xinyang, version: `${xinyang.version}+test_henan`, jurisdiction: { ...xinyang.jurisdiction, parentId: 'test_henan' } }),
  ]);
  const passwordHash = await hashPassword(PROVINCE_PASSWORD);
  await createUsers(
    server.services.db,
    people.map((p) => ({ ...p, passwordHash, jurisdictionId: 'test_henan' })),
  );
}
