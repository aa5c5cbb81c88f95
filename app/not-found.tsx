import Link from "next/link";

export default function NotFound() {
  return (
    <div className="page">
      <div className="card empty">
        <h1>Nothing here</h1>
        <p className="muted">This page does not exist, or it belongs to a palace you have not been invited to.</p>
        <Link className="btn btn-primary" href="/">
          Back to Engram
        </Link>
      </div>
    </div>
  );
}
