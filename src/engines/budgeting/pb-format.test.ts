import { describe, expect, it } from "vitest";
import { buildElection } from "./election";
import { readPb } from "./pb-read";
import { validatePb } from "./pb-validate";
import { writePb } from "./pb-write";

const lines = (...l: string[]) => l.join("\r\n") + "\r\n";

const valid = lines(
  "META",
  "key;value",
  "description;Test PB",
  "country;Belgium",
  "unit;Brussels",
  "instance;2025",
  "num_projects;2",
  "num_votes;3",
  "budget;90.5",
  "vote_type;cumulative",
  "rule;greedy",
  "date_begin;01.02.2025",
  "date_end;2025",
  "currency;EUR",
  "PROJECTS",
  "project_id;cost;votes;score;name;category",
  "1;60;2;5;Park;green,children",
  '2;40;2;3;"Bench; seats";green',
  "VOTES",
  "voter_id;vote;points;sex",
  "v1;1,2;3,1;F",
  "v2;1;2;M",
  "v3;2;2;O",
);

describe(".pb format", () => {
  it("reads every section, quoted cells and points", () => {
    const { file, problems } = readPb(valid);
    expect(problems).toEqual([]);
    expect(file.projects.rows[1]?.cells.get("name")).toBe("Bench; seats");
    const { election } = buildElection(file);
    expect(election.hasPoints).toBe(true);
    expect(election.moneyScale).toBe(10n);
    expect(election.budget).toBe(905n);
    expect(election.projects.map((p) => [p.id, p.cost, p.votes, p.score])).toEqual([
      ["1", 600n, 2, 5],
      ["2", 400n, 2, 3],
    ]);
    expect(validatePb(valid)).toEqual([]);
  });

  it("lists every problem with its line", () => {
    const bad = valid
      .replace("currency;EUR", "currency;XXY")
      .replace("v2;1;2;M", "v2;1;2;X")
      .replace("v3;2;2;O", "v3;2,9;2,1;O")
      .replace("num_votes;3", "num_votes;4");
    const problems = validatePb(bad);
    const at = (line: number) => problems.filter((p) => p.line === line).map((p) => p.message).join(" | ");
    expect(at(8)).toMatch(/num_votes is 4 but the file has 3/);
    expect(at(14)).toMatch(/currency/);
    expect(at(22)).toMatch(/sex value 'X'/);
    expect(at(23)).toMatch(/unknown project "9"/);
  });

  it("rejects a missing section", () => {
    expect(validatePb(lines("META", "key;value", "description;x"))[0]?.message).toMatch(/missing section PROJECTS/);
  });

  it("writes pabulib's field order and formats, and round-trips the meaning", () => {
    const messy = valid
      .replace("project_id;cost;votes;score;name;category", "project_id;name;cost;category;votes;score")
      .replace("1;60;2;5;Park;green,children", "1;Park;60,0;green, children;2;5")
      .replace('2;40;2;3;"Bench; seats";green', '2;"Bench; seats";40;green;2;3')
      .replace("currency;EUR", "currency;EUR\r\ncolour;blue")
      .replace("VOTES", "\r\nVOTES");
    const { text, notes } = writePb(readPb(messy).file);
    expect(notes).toEqual(["dropped unknown META key(s): colour"]);
    expect(text).toContain("project_id;cost;votes;score;name;category\r\n1;60;2;5;Park;green,children\r\n");
    expect(text).toContain('2;40;2;3;"Bench; seats";green\r\n');
    expect(text).not.toMatch(/\r\n\r\n/);
    expect(validatePb(text)).toEqual([]);
    const again = buildElection(readPb(text).file).election;
    expect(again).toEqual(buildElection(readPb(valid).file).election);
  });
});

describe("vote types", () => {
  const file = (voteType: string, extraMeta: string, votes: string[]) =>
    lines(
      "META", "key;value", "description;t", "country;Poland", "unit;Kraków", "instance;2024", "num_projects;3",
      `num_votes;${votes.length}`, "budget;10", `vote_type;${voteType}`, "rule;greedy", "date_begin;2024", "date_end;2024",
      ...(extraMeta === "" ? [] : [extraMeta]),
      "PROJECTS", "project_id;cost;votes", "a;5;1", "b;5;1", "c;5;1",
      "VOTES", "voter_id;vote", ...votes,
    );

  it("gives ordinal ranks max_length − r points (3/2/1)", () => {
    const { election } = buildElection(readPb(file("ordinal", "max_length;3", ["1;c,a,b"])).file);
    expect(election.hasPoints).toBe(true);
    expect(election.projects.map((p) => [p.id, p.score])).toEqual([["a", 2], ["b", 1], ["c", 3]]);
  });

  it("reads choose-1 as approval", () => {
    const { election } = buildElection(readPb(file("choose-1", "", ["1;b", "2;c", "3;b"])).file);
    expect(election.hasPoints).toBe(false);
    expect(election.projects.map((p) => p.votes)).toEqual([0, 2, 1]);
    expect(election.groups.map((g) => g.weight).sort()).toEqual([1, 2]);
  });
});
