using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>
/// A grain keeps cards of thousands of lines in memory and appends batches to them: these count the lines each
/// change derives, so a re-derivation of the whole card on every append fails them on any machine.
/// </summary>
public sealed class StockCardPerformanceTests
{
    private static StockCard LongCard(int days, out DateTimeOffset start)
    {
        start = Given.At("2020-01-01T08:00:00Z");
        var card = new StockCard();
        card.TryAdd(Given.Receipt(1_000_000, "2020-01-01T07:00:00Z", lot: "L1", expiry: "2030-01-01"));
        for (var i = 0; i < days; i++)
        {
            var issue = Given.Issue(3, "2020-01-01") with { OccurredAt = start.AddHours(i) };
            Assert.True(card.TryAdd(issue).IsAccepted);
        }
        return card;
    }

    [Fact]
    public void Appending_the_newest_event_derives_only_its_own_line()
    {
        var card = LongCard(5_000, out _);

        // one receipt and 5,000 issues, each derived once
        Assert.Equal(5_001, card.DerivedLines);
        Assert.Equal(1_000_000 - (5_000 * 3), card.Soh);
    }

    [Fact]
    public void A_backdated_event_derives_only_the_lines_from_its_position()
    {
        var card = LongCard(5_000, out var start);
        var derivedBefore = card.DerivedLines;

        // between the issues at hours 4,989 and 4,990: ten later issues to re-derive
        var late = Given.Receipt(7, "2020-01-01") with { OccurredAt = start.AddHours(4_989.5) };
        Assert.True(card.TryAdd(late).IsAccepted);

        Assert.Equal(11, card.DerivedLines - derivedBefore);
        Assert.Equal(1_000_000 - (5_000 * 3) + 7, card.Soh);
        Assert.Equal(1_000_000 - (4_990 * 3) + 7, card.SohAt(late.OccurredAt));
    }
}
