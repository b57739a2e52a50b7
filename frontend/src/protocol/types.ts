// The wire shapes the app uses, by the names it uses. They come from the server's
// own models through generated/ (`npm run gen`); what is written here is only the
// app's view of them: one ladder and one round type for every audience.
import type { components } from "./generated/api";
import type * as wire from "./generated/socket";

// A REST answer or body by its schema's name in the OpenAPI document: Rest<"Me">.
export type Rest<Name extends keyof components["schemas"]> = components["schemas"][Name];

export type {
  ClientMessage,
  LeaderboardRow,
  Lobby,
  Player,
  RoundSummary,
  ServerEvent,
  Team,
  TeamProgress,
  WholeLadder,
} from "./generated/socket";
export { CloseCode } from "./generated/socket";

// The names the screens knew these by.
export type Clue = wire.ClueCard;
export type ClueStep = wire.AnswerStep;
export type GuessRecord = wire.GuessView;
export type HintRecord = wire.HintView;
export type PersonRef = wire.SolvedBy;
export type Rung = wire.RungView;
export type SummaryTeam = wire.TeamResult;
export type Welcome = wire.WelcomeFrame;
export type ServerFrame = wire.ServerEvent;

// The app's own word for a ladder's two ends.
export type Direction = "down" | "up";

// A team's ladder as this screen holds it: a player's (clues by direction) or the
// host's (every step with its answers, and which puzzle file it came from). Both
// wire shapes are one of these, so screens read either without telling them apart.
export type LadderView = Omit<wire.LadderView, "puzzle" | "clues"> & {
  puzzle: wire.PuzzleLabel & { slug?: string };
  clues: Partial<wire.PlayerClues> & Partial<wire.AnswerClues>;
};

// The round as this screen holds it: a player's own ladder, the host's ladders by
// team id, or neither (the big screen).
export type RoundView = Omit<wire.PlayerRound, "ladder"> & {
  ladder?: LadderView | null;
  ladders?: Record<string, LadderView>;
};

// What a screen knows about its lobby: the snapshot, kept current by the events.
export type GameState = Omit<wire.LobbySnapshot, "round"> & { round: RoundView | null };

// A message as the app writes it: fields that may be null may be left out (the
// server takes them as null), and the ref is the client's to add.
export type Outgoing<M> = { [K in keyof M as null extends M[K] ? never : K]: M[K] } & {
  [K in keyof M as null extends M[K] ? K : never]?: M[K];
};
export type OutgoingMessage = ClientMessageOut<wire.ClientMessage>;
type ClientMessageOut<M> = M extends wire.ClientMessage ? Omit<Outgoing<M>, "ref"> : never;

export type AuthFrame = Omit<Outgoing<wire.AuthMessage>, "ref">;
