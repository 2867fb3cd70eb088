using FlowGov.Core.Runtime;

namespace FlowGov.Core.Activities.Data;

/// <summary>Records a notification for users or roles (inbox) or a system (webhook, delivered through the outbox).</summary>
public sealed class NotifyActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "Notify", ActivityCategories.Data, "通知", "Notify", "Sends a message to people's inbox, or to a webhook.",
        [
            new PropertyDescriptor("title", PropertyKind.Value, "标题", "Title") { Required = true },
            new PropertyDescriptor("body", PropertyKind.Value, "内容", "Body"),
            new PropertyDescriptor("users", PropertyKind.StringList, "接收人", "Users"),
            new PropertyDescriptor("roles", PropertyKind.Roles, "接收角色", "Roles"),
            new PropertyDescriptor("unit", PropertyKind.OrgUnit, "组织单元", "Org unit"),
            new PropertyDescriptor("channel", PropertyKind.Choice, "渠道", "Channel") { Options = ["inbox", "webhook"] },
            new PropertyDescriptor("url", PropertyKind.Text, "Webhook 地址", "Webhook URL"),
        ],
        [new PortDescriptor("done", "下一步", "Next")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context)
    {
        var channel = context.Choice("channel", ["inbox", "webhook"], "inbox")!;
        var url = context.Text("url");
        if (channel == "webhook" && (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != "https" && u.Scheme != "http")))
        {
            context.Problem("bad-url", "url", "A webhook notification needs an absolute http(s) URL.");
        }

        var config = new Config(context.Value("title", required: true), context.Value("body"), context.Value("users"), context.Value("roles"), context.Value("unit"), channel, url);
        if (channel == "inbox" && config.Users is null && config.Roles is null)
        {
            context.Problem("missing-property", "users", "An inbox notification needs users or roles to receive it.");
        }

        return config;
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var c = context.Config<Config>();
        if (!context.TryEvaluate(c.Title, out var title, out var fault)
            || !context.TryEvaluate(c.Body, out var body, out fault)
            || !context.TryEvaluate(c.Users, out var users, out fault)
            || !context.TryEvaluate(c.Roles, out var roles, out fault)
            || !context.TryEvaluate(c.Unit, out var unit, out fault))
        {
            return fault;
        }

        context.Notify(new Notification
        {
            Id = context.NewId(),
            InstanceId = context.Instance.Id,
            ActivityId = context.Activity.Id,
            Channel = c.Channel,
            Users = JsonValues.ToStringList(users),
            Roles = JsonValues.ToStringList(roles),
            Unit = JsonValues.ToText(unit),
            Title = JsonValues.ToText(title) ?? context.Activity.Definition.Name ?? context.Activity.Id,
            Body = JsonValues.ToText(body),
            Url = c.Url,
            At = context.Now,
        });
        return ActivityResult.Done;
    }

    private sealed record Config(PropertyValue? Title, PropertyValue? Body, PropertyValue? Users, PropertyValue? Roles, PropertyValue? Unit, string Channel, string? Url);
}
