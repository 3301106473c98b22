/** Conditions every jurisdiction's duty division uses in the same words: kept once here. */
import type { Condition } from './schema.js';

/** At least one person fell ill (acute case or occupational anthrax) or died. */
export const CASES_OR_DEATHS: Condition = {
  any: [
    { casualtiesAtLeast: { field: 'acuteCases', value: 1 } },
    { casualtiesAtLeast: { field: 'anthraxCases', value: 1 } },
    { casualtiesAtLeast: { field: 'deaths', value: 1 } },
  ],
};


/** Diagnosed chronic occupational disease cases (尘肺病等), or a chronic cluster reported as such. */
export const CHRONIC_CASES: Condition = {
  any: [{ casualtiesAtLeast: { field: 'chronicCases', value: 1 } }, { hazard: ['pneumoconiosis_cluster'] }],
};

/** A radiation accident (国务院令第449号). */
export const RADIATION: Condition = { hazard: ['radiation'] };

/** Someone fell ill (acutely or with a diagnosed chronic occupational disease) or died. */
export const DISEASE_OR_DEATH: Condition = { any: [CASES_OR_DEATHS, CHRONIC_CASES] };

/**
 * 「用人单位不存在或无法确定劳动关系」 (宁德 三(七)(十五), 鲤城 三(七)(十四), 安吉 民政局/医保局, 广东 十八): people
 * fell ill or died, and no employer or labour relation can be established. Only for rulebooks
 * whose own clause says so.
 */
export const NO_EMPLOYER_OR_RELATION: Condition = { all: [DISEASE_OR_DEATH, { laborRelation: 'undetermined' }] };
