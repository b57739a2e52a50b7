import { lazy, Suspense } from "react";
import { Link, Route, Switch } from "wouter";
import { Landing } from "./pages/Landing";
import { Play } from "./pages/Play";
import { Logo, Spinner } from "./components/ui";

// Players' pages load first; the host's, the TV's and the tutorial come on demand.
const HostHome = lazy(() => import("./pages/HostHome").then((m) => ({ default: m.HostHome })));
const HostLobby = lazy(() => import("./pages/HostLobby").then((m) => ({ default: m.HostLobby })));
const HostPuzzles = lazy(() => import("./pages/HostPuzzles").then((m) => ({ default: m.HostPuzzles })));
const PuzzleEditor = lazy(() => import("./pages/HostPuzzles").then((m) => ({ default: m.PuzzleEditor })));
const Screen = lazy(() => import("./pages/Screen").then((m) => ({ default: m.Screen })));
const Tutorial = lazy(() => import("./pages/Tutorial").then((m) => ({ default: m.Tutorial })));

function NotFound() {
  return (
    <main className="page page-narrow" id="main">
      <Logo />
      <div className="card">
        <h1 className="card-title big-title">This rung is missing</h1>
        <p>There is no page at this address.</p>
        <Link href="/" className="btn btn-primary">
          Go to the start
        </Link>
      </div>
    </main>
  );
}

export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Suspense fallback={<Spinner />}>
        <Switch>
          <Route path="/">
            <Landing />
          </Route>
          <Route path="/join/:code">{(params) => <Landing code={params.code} key={params.code} />}</Route>
          <Route path="/play">
            <Play />
          </Route>
          <Route path="/host">
            <HostHome />
          </Route>
          <Route path="/host/puzzles">
            <HostPuzzles />
          </Route>
          <Route path="/host/puzzles/new">
            <PuzzleEditor />
          </Route>
          <Route path="/host/puzzles/:slug/edit">
            {(params) => <PuzzleEditor slug={params.slug} key={params.slug} />}
          </Route>
          <Route path="/host/:code">{(params) => <HostLobby code={params.code} key={params.code} />}</Route>
          <Route path="/screen/:code">{(params) => <Screen code={params.code} key={params.code} />}</Route>
          <Route path="/tutorial">
            <Tutorial />
          </Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </Suspense>
    </>
  );
}
