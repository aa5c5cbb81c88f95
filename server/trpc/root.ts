// The app router: one sub-router per domain area.
import "server-only";
import { accountRouter } from "./routers/account";
import { activityRouter } from "./routers/activity";
import { conceptRouter } from "./routers/concept";
import { doorRouter } from "./routers/door";
import { inviteRouter } from "./routers/invite";
import { linkRouter } from "./routers/link";
import { liveRouter } from "./routers/live";
import { locusRouter } from "./routers/locus";
import { memberRouter } from "./routers/member";
import { palaceRouter } from "./routers/palace";
import { pictureRouter } from "./routers/picture";
import { recallRouter } from "./routers/recall";
import { presenceRouter } from "./routers/presence";
import { roomRouter } from "./routers/room";
import { routeRouter } from "./routers/route";
import { scheduleRouter } from "./routers/schedule";
import { searchRouter } from "./routers/search";
import { settingsRouter } from "./routers/settings";
import { templateRouter } from "./routers/template";
import { transferRouter } from "./routers/transfer";
import { createCallerFactory, router } from "./init";

export const appRouter = router({
  palace: palaceRouter,
  room: roomRouter,
  door: doorRouter,
  concept: conceptRouter,
  picture: pictureRouter,
  locus: locusRouter,
  link: linkRouter,
  route: routeRouter,
  search: searchRouter,
  recall: recallRouter,
  settings: settingsRouter,
  schedule: scheduleRouter,
  member: memberRouter,
  invite: inviteRouter,
  activity: activityRouter,
  live: liveRouter,
  presence: presenceRouter,
  template: templateRouter,
  transfer: transferRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
