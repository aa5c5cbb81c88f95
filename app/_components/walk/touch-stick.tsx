"use client";
// On touch screens pointer lock does not exist: a thumb joystick moves, and dragging anywhere
// else on the stage turns the view (handled by the stage's own touch listener).
import { useRef } from "react";
import { useWalk } from "../../_stores/walk-store";

const RADIUS = 48;

export function TouchStick() {
  const knob = useRef<HTMLDivElement>(null);
  const origin = useRef<{ x: number; y: number } | null>(null);

  const update = (dx: number, dy: number) => {
    const length = Math.hypot(dx, dy);
    const scale = length > RADIUS ? RADIUS / length : 1;
    const x = dx * scale;
    const y = dy * scale;
    if (knob.current) knob.current.style.transform = `translate(${x}px, ${y}px)`;
    const { stick } = useWalk.getState();
    stick.strafe = x / RADIUS;
    stick.forward = -y / RADIUS;
  };
  const release = () => {
    origin.current = null;
    update(0, 0);
  };

  return (
    <div
      className="touch-stick"
      aria-hidden="true"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const box = e.currentTarget.getBoundingClientRect();
        origin.current = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        update(e.clientX - origin.current.x, e.clientY - origin.current.y);
      }}
      onPointerMove={(e) => origin.current && update(e.clientX - origin.current.x, e.clientY - origin.current.y)}
      onPointerUp={release}
      onPointerCancel={release}
    >
      <div ref={knob} className="touch-stick-knob" />
    </div>
  );
}
