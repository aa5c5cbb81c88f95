"use client";
// The recall page decides, on the device, which walk to show: the 3D palace where WebGL works
// and a connection is there to load it, unless the person chose the worded walk; the worded walk
// otherwise (phones without WebGL, screen readers, offline, or by choice). Switching keeps the
// walk's progress; leaving the page ends the walk.
import { useEffect, useSyncExternalStore } from "react";
import { useRecallWalk } from "../../_stores/recall-store";
import { useViewOptions } from "../../_stores/view-store";
import { PalaceView } from "../palace-view";
import { useWebGL } from "../use-webgl";
import { RecallWalk } from "./recall-walk";
import { useRecallView } from "./recall-view-choice";

const unchanging = () => () => {};
// Read when the page opens: the 3D walk loads the palace from the network, a kept walk does not.
const online = () => navigator.onLine;
const onlineOnServer = () => true;

export function RecallPageBody(props: {
  palaceId: string;
  dueOnly: boolean;
  testHooks: boolean;
  me: { id: string } | null;
  entranceRoomId: string | null;
  header: React.ReactNode;
}) {
  const { palaceId, dueOnly } = props;
  const webgl = useWebGL();
  const connected = useSyncExternalStore(unchanging, online, onlineOnServer);
  const [choice, choose] = useRecallView();

  useEffect(
    () => () => {
      useRecallWalk.getState().reset();
      if (useViewOptions.getState().lightsOut) useViewOptions.getState().toggleLightsOut();
    },
    [],
  );

  if (webgl === null) {
    return (
      <>
        {props.header}
        <p className="muted" aria-live="polite">
          Preparing the walk…
        </p>
      </>
    );
  }
  if (webgl && connected && choice !== "words") {
    return (
      <PalaceView
        palaceId={palaceId}
        testHooks={props.testHooks}
        me={props.me}
        entranceRoomId={props.entranceRoomId}
        recall={{ dueOnly, onWords: () => choose("words") }}
      />
    );
  }
  return (
    <>
      {props.header}
      {webgl && connected && (
        <p className="small">
          <button type="button" className="btn btn-small" onClick={() => choose("3d")}>
            Walk in the 3D palace
          </button>
        </p>
      )}
      <RecallWalk palaceId={palaceId} dueOnly={dueOnly} keepProgress />
    </>
  );
}
