using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Prioritize;
using ServerlessOps.Domain.Review.Scale;

namespace ServerlessOps.Domain.Tests.Review;

public sealed class ReviewPropertyTests
{
    private static readonly BrandOwners Owners = new("owner@acme.test");

    [Fact]
    public void RandomFacts_ExerciseMostRulesAndScale_SoThePropertiesAreNotVacuous()
    {
        var facts = Enumerable.Range(1, 40).Select(RandomFacts.From).ToList();

        var types = facts.SelectMany(MonthlyAudit.Run).Select(f => f.Type).Distinct().Count();
        var calls = facts.SelectMany(ScaleAnalysis.Evaluate).ToList();

        Assert.True(types >= 6, $"only {types} finding types");
        Assert.Contains(calls, c => c.Winner && c.SuggestedBudgetShift > 0m);
        Assert.Contains(calls, c => !c.Winner && c.SuggestedBudgetShift < 0m);
    }

    [Property]
    public Property Audit_AnyFacts_FindingsArePositiveCentsAndEveryRootCauseIsMaterial(int seed)
    {
        var facts = RandomFacts.From(seed);
        var threshold = Materiality.Threshold(facts);

        var findings = MonthlyAudit.Run(facts);

        return (findings.All(f => f.MonthlyMoney > 0m && f.MonthlyMoney == Math.Round(f.MonthlyMoney, 2))
            && findings.GroupBy(f => f.RootCause).All(g => g.Sum(f => f.MonthlyMoney) > threshold)
            && findings.Zip(findings.Skip(1)).All(p => p.First.MonthlyMoney >= p.Second.MonthlyMoney)).ToProperty();
    }

    [Property]
    public Property Audit_AndRoadmap_AreTheSameOnEveryRun(int seed)
    {
        var first = Prioritizer.Rank(MonthlyAudit.Run(RandomFacts.From(seed)), Owners);
        var second = Prioritizer.Rank(MonthlyAudit.Run(RandomFacts.From(seed)), Owners);

        return first.Select(i => (i.Rank, i.RootCause, i.MonthlyMoney, string.Join("|", i.Findings.Select(f => f.Formula))))
            .SequenceEqual(second.Select(i => (i.Rank, i.RootCause, i.MonthlyMoney, string.Join("|", i.Findings.Select(f => f.Formula))))).ToProperty();
    }

    [Property]
    public Property Roadmap_MoneyIsItsFindings_AndScoresNeverRise(int seed)
    {
        var findings = MonthlyAudit.Run(RandomFacts.From(seed));

        var roadmap = Prioritizer.Rank(findings, Owners);

        return (roadmap.Sum(i => i.MonthlyMoney) == findings.Sum(f => f.MonthlyMoney)
            && roadmap.All(i => i.MonthlyMoney == i.Findings.Sum(f => f.MonthlyMoney))
            && roadmap.Zip(roadmap.Skip(1)).All(p => p.First.Score >= p.Second.Score)
            && roadmap.Select(i => i.Rank).SequenceEqual(Enumerable.Range(1, roadmap.Count))).ToProperty();
    }

    [Property]
    public Property Scale_WinnersGainAndLosersGiveUp_AndWithWinnersTheShiftsSumToZero(int seed)
    {
        var calls = ScaleAnalysis.Evaluate(RandomFacts.From(seed));

        var signs = calls.All(c => c.Winner ? c.SuggestedBudgetShift >= 0m : c.SuggestedBudgetShift <= 0m);
        var balanced = !calls.Any(c => c.Winner) || calls.Sum(c => c.SuggestedBudgetShift) == 0m;
        return (signs && balanced).ToProperty();
    }
}
