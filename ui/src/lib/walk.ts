// The study-session walk's pure parts: what a step shows for the chosen venue (会場 or
// オンライン), its block, and the preparation list. No DOM here.
import type { Walk } from "../generated/Walk";
import type { WalkStep } from "../generated/WalkStep";

export type Venue = "room" | "online";

export interface StepView {
  /** 「ブロック1　方針の土台とトップの関与（27分）」, or "" when the walk has no blocks. */
  block: string;
  purpose: string;
  /** The facilitator's note for the venue (the room's note when there is no online one). */
  note: string;
  /** 「グループ討議」 in a room, 「ブレイクアウトルーム」 online, "" for the whole group. */
  group: string;
}

export function stepView(walk: Walk, step: WalkStep, venue: Venue): StepView {
  const b = step.block > 0 ? walk.blocks[step.block - 1] : undefined;
  return {
    block: b ? `ブロック${step.block}　${b.title}（${b.minutes}分）` : "",
    purpose: b?.purpose ?? "",
    note: venue === "online" && step.online.trim() ? step.online : step.note,
    group: step.breakout ? (venue === "online" ? "ブレイクアウトルーム" : "グループ討議") : "",
  };
}

/** The preparation list for the venue. */
export function preparation(walk: Walk, venue: Venue): string[] {
  return venue === "online" ? walk.online_preparation : walk.preparation;
}

/** Whether the step before `index` was in another block (a break may fall there). */
export function startsBlock(walk: Walk, index: number): boolean {
  return index > 0 && walk.steps[index].block !== walk.steps[index - 1].block;
}
