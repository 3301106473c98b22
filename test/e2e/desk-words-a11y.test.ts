/**
 * The desk's pages (the duty officer's, the board, bulletins, the joint meeting's) and the login
 * page read as a government form and pass axe, at the sizes they are meant for (./words-a11y.ts).
 */
import { describe } from 'vitest';
import { checkLoginPage, checkPages } from './words-a11y.js';

describe('every desk page reads as a government form and passes axe', () => checkPages('desk'));
describe('the login page', () => checkLoginPage());
