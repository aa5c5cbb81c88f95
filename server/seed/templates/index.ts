// The starter palaces a person can copy from "New palace from template", by stable id: the id
// is what the client sends, so renaming a template's title never breaks a link or a test.
import type { SeedPalace } from "../seed.types";
import { cnnHistory } from "./cnn-history";
import { debuggingWalk } from "./debugging-walk";
import { distillation } from "./distillation";
import { optimisers } from "./optimisers";
import { transformerAnatomy } from "./transformer-anatomy";

export interface Template {
  id: string;
  palace: SeedPalace;
}

export const templates: Template[] = [
  { id: "cnn-lenet-to-resnet", palace: cnnHistory },
  { id: "transformer-anatomy", palace: transformerAnatomy },
  { id: "debugging-walk", palace: debuggingWalk },
  { id: "knowledge-distillation", palace: distillation },
  { id: "optimisers-and-schedules", palace: optimisers },
];
