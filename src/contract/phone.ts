/** A phone number as people type it, one rule for every form that takes one. */
import { z } from 'zod';

/** Digits with + - ( ) and spaces, 5–20 characters of which at least 5 are digits ("- - - -" is not a number). */
const PHONE = /^(?=(?:\D*\d){5})[0-9+\-() ]{5,20}$/;

/** `what` names the number in the message, e.g. 报告人电话. */
export const phoneNumber = (what: string) => z.string().trim().regex(PHONE, `${what}格式不正确，须含至少5位数字，可用 + - ( ) 和空格`);
