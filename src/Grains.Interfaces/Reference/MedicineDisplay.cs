namespace MhSupply.Reference;

/// <summary>How a medicine is named to users: "Fluoxetine 20 mg capsule or tablet" (name, strength, form).</summary>
public static class MedicineDisplay
{
    public static string ShownName(this MedicineRecord m) => MhSupply.Alerts.AlertMessages.MedicineName(m.Name, m.Strength, m.Form);
}
