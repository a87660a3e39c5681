using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Domain.Catalog;

/// <summary>
/// One SKU of a brand's catalog with its listings on the channels. Money is in <see cref="Currency"/>, as decimals.
/// </summary>
/// <param name="BrandId">The brand it belongs to.</param>
/// <param name="Sku">The brand's SKU: the inventory ledger's key.</param>
/// <param name="Title">Name shown to people.</param>
/// <param name="Category">The category fee rules may name; null when none.</param>
/// <param name="Status">Active or discontinued.</param>
/// <param name="Currency">ISO 4217 code of <see cref="ListPrice"/>, <see cref="MinimumAdvertisedPrice"/> and the item's unit costs.</param>
/// <param name="ListPrice">The brand's list price, when it has one.</param>
/// <param name="MinimumAdvertisedPrice">MAP, when the item has one: the pricing guardrail's floor is never below it.</param>
/// <param name="Listings">Its listings, at most one per (channel, channel SKU).</param>
public sealed record CatalogItem(
    string BrandId,
    string Sku,
    string Title,
    string? Category,
    CatalogItemStatus Status,
    string Currency,
    decimal? ListPrice,
    decimal? MinimumAdvertisedPrice,
    IReadOnlyList<ChannelListing> Listings)
{
    /// <summary>Most decimal places a price may have.</summary>
    public const int MaxMoneyScale = 4;

    /// <summary>Every problem, named by camelCase paths (<c>listings[1].marketplaceId</c>); empty when valid.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (!BrandIds.IsValid(BrandId))
        {
            errors.Add(new FieldError("brandId", $"'{BrandId}' is not a brand id: {BrandIds.Rule}."));
        }

        AddIf(errors, "sku", CatalogText.Check(Sku, CatalogText.MaxSkuLength));
        AddIf(errors, "title", CatalogText.Check(Title, CatalogText.MaxTitleLength));
        if (Category is not null)
        {
            AddIf(errors, "category", CatalogText.Check(Category, CatalogText.MaxNameLength));
        }

        if (!CurrencyCodes.IsActive(Currency))
        {
            errors.Add(new FieldError("currency", $"'{Currency}' is not an active ISO 4217 currency code (e.g. USD, EUR)."));
        }

        AddIf(errors, "listPrice", CheckMoney(ListPrice));
        AddIf(errors, "map", CheckMoney(MinimumAdvertisedPrice));
        for (var i = 0; i < Listings.Count; i++)
        {
            errors.AddRange(Listings[i].Validate($"listings[{i}]"));
            for (var j = 0; j < i; j++)
            {
                if (Listings[j].Channel == Listings[i].Channel && string.Equals(Listings[j].ChannelSku, Listings[i].ChannelSku, StringComparison.Ordinal))
                {
                    errors.Add(new FieldError($"listings[{i}].channelSku", $"{Listings[i].Channel} SKU '{Listings[i].ChannelSku}' is listed twice for this item."));
                }
            }
        }

        return errors;
    }

    /// <summary>Null when <paramref name="amount"/> is absent or a price this catalog accepts, else why not.</summary>
    public static string? CheckMoney(decimal? amount) => amount switch
    {
        null => null,
        < 0 => $"must not be negative, found {amount}",
        { } value when value.Scale > MaxMoneyScale && value != decimal.Round(value, MaxMoneyScale) => $"at most {MaxMoneyScale} decimal places are allowed, found {value}",
        _ => null,
    };

    private static void AddIf(List<FieldError> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors.Add(new FieldError(field, $"{field}: {problem}."));
        }
    }
}
