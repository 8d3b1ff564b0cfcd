using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Workloads.Plugins;

/// <summary>
/// A plugin's parameters record read as the host's parameter specs: one spec per constructor parameter, named in
/// camelCase, its limits from <see cref="RangeAttribute"/>, <see cref="MaxLengthAttribute"/> and
/// <see cref="AllowedValuesAttribute"/>, its text from <see cref="DescriptionAttribute"/>, its default from the
/// parameter's default value. Binds validated values back into the record. Misuse is found here, at start-up.
/// </summary>
internal sealed class ParameterModel<TParameters>
    where TParameters : notnull
{
    private readonly ConstructorInfo _constructor;
    private readonly (ParameterInfo Parameter, PropertyInfo? Property, ParameterSpec Spec)[] _members;

    /// <exception cref="ArgumentException">The record cannot be a parameter set; the message says why.</exception>
    public ParameterModel()
    {
        var type = typeof(TParameters);
        _constructor = type.GetConstructors().Where(c => !IsCopyConstructor(c, type)).MaxBy(c => c.GetParameters().Length)
            ?? throw new ArgumentException($"{type.Name} has no public constructor: its constructor parameters are the job's parameters.");
        _members = [.. _constructor.GetParameters().Select(p =>
        {
            var property = type.GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            return (p, property, Spec(p, property));
        })];
    }

    public IReadOnlyList<ParameterSpec> Specs => [.. _members.Select(m => m.Spec)];

    public TParameters Bind(ParameterValues values) =>
        (TParameters)_constructor.Invoke([.. _members.Select(m => Read(values, m.Spec.Name, m.Parameter.ParameterType))]);

    /// <summary>The record's values as a request's parameter object.</summary>
    public JsonObject ToJson(TParameters parameters)
    {
        var json = new JsonObject();
        foreach (var (parameter, property, spec) in _members)
        {
            var value = property?.GetValue(parameters)
                ?? throw new ArgumentException($"{typeof(TParameters).Name}.{parameter.Name} is null in the example, or has no public property to read it from.");
            json[spec.Name] = value switch
            {
                Enum e => JsonValue.Create(EnumName(e)),
                Uri u => JsonValue.Create(u.ToString()),
                string s => JsonValue.Create(s),
                double d => JsonValue.Create(d),
                _ => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            };
        }

        return json;
    }

    private static bool IsCopyConstructor(ConstructorInfo constructor, Type type) =>
        constructor.GetParameters() is [var only] && only.ParameterType == type;

    private static ParameterSpec Spec(ParameterInfo parameter, PropertyInfo? property)
    {
        var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
        T? Attribute<T>()
            where T : Attribute => parameter.GetCustomAttribute<T>() ?? property?.GetCustomAttribute<T>();
        var description = Attribute<DescriptionAttribute>()?.Description ?? name;
        var range = Attribute<RangeAttribute>();
        var fallback = parameter.HasDefaultValue ? parameter.DefaultValue : null;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        var where = $"{parameter.Member.DeclaringType!.Name}.{parameter.Name}";

        if (type == typeof(long) || type == typeof(int))
        {
            var (min, max) = range is null
                ? type == typeof(int) ? (int.MinValue, int.MaxValue) : throw new ArgumentException($"{where} is a long without [Range(min, max)]: every parameter needs an upper limit.")
                : (Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture), Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture));
            var value = fallback is null ? (long?)null : Convert.ToInt64(fallback, CultureInfo.InvariantCulture);
            return Checked(ParameterSpec.Integer(name, description, min, max, value), value is { } v && (v < min || v > max), where);
        }

        if (type == typeof(double))
        {
            var (min, max) = range is null
                ? throw new ArgumentException($"{where} is a double without [Range(min, max)]: every parameter needs an upper limit.")
                : (Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture), Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture));
            var value = fallback is null ? (double?)null : Convert.ToDouble(fallback, CultureInfo.InvariantCulture);
            return Checked(ParameterSpec.Number(name, description, min, max, value), value is { } v && (v < min || v > max), where);
        }

        if (type.IsEnum)
        {
            var names = Enum.GetValues(type).Cast<Enum>().Select(EnumName).ToList();
            return ParameterSpec.Choice(name, description, names, fallback is null ? null : EnumName((Enum)Enum.ToObject(type, fallback)));
        }

        if (type == typeof(string))
        {
            var maxLength = Attribute<MaxLengthAttribute>()?.Length ?? Attribute<StringLengthAttribute>()?.MaximumLength ?? 2048;
            var allowed = Attribute<AllowedValuesAttribute>()?.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!).ToList();
            var text = (string?)fallback;
            return allowed is null
                ? ParameterSpec.Text(name, description, maxLength, text)
                : Checked(ParameterSpec.Choice(name, description, allowed, text) with { MaxLength = maxLength }, text is not null && !allowed.Contains(text), where);
        }

        if (type == typeof(Uri))
        {
            return ParameterSpec.Url(name, description);
        }

        throw new ArgumentException(
            $"{where} is a {type.Name}; a parameter is a long, int, double, string, enum or Uri (pieces and outputs may hold any plain data).");
    }

    private static ParameterSpec Checked(ParameterSpec spec, bool defaultOutside, string where) =>
        defaultOutside ? throw new ArgumentException($"{where}'s default value is outside its own limits.") : spec;

    private static object Read(ParameterValues values, string name, Type parameterType)
    {
        var type = Nullable.GetUnderlyingType(parameterType) ?? parameterType;
        return type switch
        {
            _ when type == typeof(long) => values.GetInt64(name),
            _ when type == typeof(int) => checked((int)values.GetInt64(name)),
            _ when type == typeof(double) => values.GetDouble(name),
            _ when type == typeof(Uri) => new Uri(values.GetString(name), UriKind.Absolute),
            _ when type.IsEnum => Enum.Parse(type, values.GetString(name), ignoreCase: true),
            _ => values.GetString(name),
        };
    }

    private static string EnumName(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
