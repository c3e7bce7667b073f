// Installs the system packages the test suite needs when they are missing and this machine
// can install them (root with apt-get): Debian's chromium for the HTML report test.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (canApt) {
    process.stderr.write("Installing Debian chromium for the HTML report test…\n");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  } else {
    process.stderr.write(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) for the HTML report test.\n`);
  }
}
