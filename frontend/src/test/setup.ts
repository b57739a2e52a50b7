import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";

// Testing Library unmounts after each test only when test globals are on; they are not.
afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
});
