/**
 * The admin's pages and the phone's (/m, a unit head's 值班表, changing a password) read as a
 * government form and pass axe, at the sizes they are meant for (./words-a11y.ts).
 */
import { describe } from 'vitest';
import { checkPages } from './words-a11y.js';

describe('every admin page reads as a government form and passes axe', () => checkPages('admin'));
describe('every phone page reads as a government form and passes axe', () => checkPages('phone'));
